import { secureHeaders } from 'hono/secure-headers'

/**
 * Security headers on every response. The app loads nothing from other hosts and runs no
 * inline script, so the policy allows only this origin; styles may be inline because React and
 * the canvas set `style` attributes. Pages may be framed only by the sites an operator names
 * (`EMBED_ORIGINS`): a board's URL carries its key, so by default no site can frame it.
 */
export function securityHeaders({ embedOrigins }: { embedOrigins: string[] }) {
  const embeddable = embedOrigins.length > 0
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      mediaSrc: ["'self'", 'data:', 'blob:'],
      // tldraw reads a pasted image's data URL with fetch before uploading it (an image copied
      // from another board arrives that way); a data: URL reaches no host.
      connectSrc: ["'self'", 'data:'],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: embeddable ? embedOrigins : ["'none'"],
    },
    // Browsers that know frame-ancestors ignore X-Frame-Options; older ones get DENY.
    xFrameOptions: embeddable ? false : 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    // Would stop the app from showing images pasted from other sites' data URLs; not needed.
    crossOriginEmbedderPolicy: false,
    xContentTypeOptions: true,
    strictTransportSecurity: false,
  })
}
