import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/** Where `npm run dev` runs the API and sync server; Vite proxies to it. */
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '8787'}`

export default defineConfig({
  root: 'client',
  publicDir: false,
  plugins: [react()],
  // @tldraw/assets ships its files as imports; pre-bundling it crashes the dev server.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget },
      // ws: the WebSocket upgrade goes to the sync server too.
      '/sync': { target: apiTarget, ws: true },
    },
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The board editor is one lazy chunk of about 2 MB (tldraw); the pages around it are small.
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
    // .vite/manifest.json: which chunks each page loads, read by the bundle-size bench and test.
    manifest: true,
  },
})
