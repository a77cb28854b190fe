import { z } from 'zod'

// The app runs under a Content-Security-Policy without 'unsafe-eval'. zod compiles fast object
// parsers with `new Function` when it may; its probe for that is reported as a policy violation
// even though the failure is caught. Imported first, before any schema parses.
z.config({ jitless: true })
