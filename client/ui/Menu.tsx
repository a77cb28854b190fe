import { DropdownMenu } from 'radix-ui'
import type { ReactElement, ReactNode } from 'react'
import './Menu.css'

interface MenuProps {
  /** The button that opens the menu; it gets the menu button's ARIA and keyboard handling. */
  trigger: ReactElement
  /** The menu's accessible name. */
  label: string
  children: ReactNode
  align?: 'start' | 'end'
  className?: string
}

/**
 * A menu button with Radix's menu behaviour, the one every menu of the app shares: Enter, Space
 * or ↓ open it on its first item, arrows and typing move, Escape or a click outside close it
 * and give the focus back to the button. Not modal, so the board behind stays live and no
 * scroll lock injects styles.
 */
export function Menu({ trigger, label, children, align = 'start', className }: MenuProps) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>{trigger}</DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className={className ? `menu ${className}` : 'menu'}
          aria-label={label}
          align={align}
          sideOffset={6}
          collisionPadding={8}
          // Keys typed in a menu are the menu's: the board must not take them as shortcuts.
          onKeyDown={(event) => event.stopPropagation()}
        >
          {children}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}

/** An action in a menu; `onSelect` runs on click, Enter or Space, then the menu closes. */
export function MenuItem({
  children,
  onSelect,
  disabled,
  className,
  testId,
}: {
  children: ReactNode
  onSelect: () => void
  disabled?: boolean
  className?: string
  testId?: string
}) {
  return (
    <DropdownMenu.Item
      className={className ? `menu-item ${className}` : 'menu-item'}
      disabled={disabled}
      onSelect={onSelect}
      data-testid={testId}
    >
      {children}
    </DropdownMenu.Item>
  )
}

/** A link in a menu (a download, another page): the menu closes once it is followed. */
export function MenuLinkItem({
  children,
  href,
  download,
  title,
  testId,
}: {
  children: ReactNode
  href: string
  download?: string
  title?: string
  testId?: string
}) {
  return (
    <DropdownMenu.Item className="menu-item" asChild>
      <a href={href} download={download} title={title} data-testid={testId}>
        {children}
      </a>
    </DropdownMenu.Item>
  )
}

/** A ticked or unticked choice; the menu stays open so several can be set in a row. */
export function MenuCheckboxItem({
  children,
  checked,
  onCheckedChange,
}: {
  children: ReactNode
  checked: boolean
  onCheckedChange: (checked: boolean) => void
}) {
  return (
    <DropdownMenu.CheckboxItem
      className="menu-item menu-checkbox-item"
      checked={checked}
      onCheckedChange={onCheckedChange}
      onSelect={(event) => event.preventDefault()}
    >
      <span className="menu-check" aria-hidden="true">
        <DropdownMenu.ItemIndicator>
          <svg viewBox="0 0 12 12" width="10" height="10">
            <path d="M2.5 6.2 5 8.5l4.5-5" fill="none" stroke="currentColor" strokeWidth="1.8" />
          </svg>
        </DropdownMenu.ItemIndicator>
      </span>
      {children}
    </DropdownMenu.CheckboxItem>
  )
}

/** A heading inside a menu, not an item. */
export function MenuLabel({ children }: { children: ReactNode }) {
  return <DropdownMenu.Label className="menu-label">{children}</DropdownMenu.Label>
}

export function MenuSeparator() {
  return <DropdownMenu.Separator className="menu-separator" />
}
