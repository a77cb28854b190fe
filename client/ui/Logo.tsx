import './Logo.css'

/** The product mark: three overlapping notes. */
export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="logo">
      <rect x="2" y="6" width="12" height="12" rx="3" fill="#ffd43b" />
      <rect x="7" y="3" width="12" height="12" rx="3" fill="#4dabf7" opacity="0.9" />
      <rect x="10" y="9" width="12" height="12" rx="3" fill="#7950f2" opacity="0.9" />
    </svg>
  )
}
