import { initials, readableTextColor } from '../state/identity'
import './Avatar.css'

/** A round badge with someone's initials in their colour. */
export function Avatar({ name, color, size = 28 }: { name: string; color: string; size?: number }) {
  return (
    <span
      className="avatar"
      style={{
        backgroundColor: color,
        color: readableTextColor(color),
        width: size,
        height: size,
        fontSize: size * 0.4,
      }}
      aria-hidden="true"
    >
      {initials(name) || '?'}
    </span>
  )
}
