import type { ReactNode } from 'react'

const Icon = ({ children }: { children: ReactNode }) => (
  <svg
    viewBox="0 0 20 20"
    width="18"
    height="18"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.6"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
  >
    {children}
  </svg>
)

/** The facilitator toolbar's icons, drawn on one 20×20 grid. */
export const Icons = {
  summon: (
    <Icon>
      <circle cx="10" cy="10" r="2.2" />
      <path d="M10 2.5v3M10 14.5v3M2.5 10h3M14.5 10h3" />
      <circle cx="10" cy="10" r="5.5" />
    </Icon>
  ),
  follow: (
    <Icon>
      <path d="M4 3.5 15.5 8l-5 1.8-1.8 5L4 3.5Z" />
      <path d="m11 11 4.5 4.5" />
    </Icon>
  ),
  play: (
    <Icon>
      <path d="M6.5 4.5v11l9-5.5-9-5.5Z" fill="currentColor" stroke="none" />
    </Icon>
  ),
  pause: (
    <Icon>
      <path d="M7 5v10M13 5v10" strokeWidth="2.4" />
    </Icon>
  ),
  reset: (
    <Icon>
      <path d="M4.5 9.5a5.5 5.5 0 1 0 1.8-4" />
      <path d="M4.2 3.5v3.5h3.5" />
    </Icon>
  ),
  lock: (
    <Icon>
      <rect x="4.5" y="9" width="11" height="8" rx="1.8" />
      <path d="M7 9V6.5a3 3 0 0 1 6 0V9" />
    </Icon>
  ),
  unlock: (
    <Icon>
      <rect x="4.5" y="9" width="11" height="8" rx="1.8" />
      <path d="M7 9V6.5a3 3 0 0 1 5.8-1" />
    </Icon>
  ),
  private: (
    <Icon>
      <path d="M2.5 10s2.8-5 7.5-5 7.5 5 7.5 5-2.8 5-7.5 5-7.5-5-7.5-5Z" />
      <path d="m3.5 16.5 13-13" />
    </Icon>
  ),
  vote: (
    <Icon>
      <circle cx="6" cy="7" r="2" fill="currentColor" stroke="none" />
      <circle cx="13.5" cy="6" r="2" fill="currentColor" stroke="none" />
      <circle cx="9.5" cy="13.5" r="2" fill="currentColor" stroke="none" />
    </Icon>
  ),
  stop: (
    <Icon>
      <rect x="5.5" y="5.5" width="9" height="9" rx="1.5" fill="currentColor" stroke="none" />
    </Icon>
  ),
  star: (
    <Icon>
      <path d="m10 3 2.1 4.3 4.7.7-3.4 3.3.8 4.7L10 13.8 5.8 16l.8-4.7L3.2 8l4.7-.7L10 3Z" />
    </Icon>
  ),
}
