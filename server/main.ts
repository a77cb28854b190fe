import { loadConfig } from './config.js'
import { createServer } from './createServer.js'

/** Entry point: `npm start` runs this after building the client. */
async function main() {
  // A promise nobody handled is a bug to log, never a reason to stop serving every board.
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(
      `${JSON.stringify({
        t: new Date().toISOString(),
        level: 'error',
        event: 'process.unhandled_rejection',
        error: String(reason instanceof Error ? (reason.stack ?? reason) : reason),
      })}\n`,
    )
  })
  const config = loadConfig()
  const server = await createServer(config)
  const shown = config.port === 0 ? server.url : `http://localhost:${server.port}`
  console.log(`Discovery Board is running at ${shown} (data in ${config.dataDir})`)
  const stop = (signal: string) => {
    console.log(`Received ${signal}, shutting down`)
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
