import { loadConfig } from './config.js'
import { createServer } from './createServer.js'

/** Entry point: `npm start` runs this after building the client. */
async function main() {
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
