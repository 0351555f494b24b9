/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import ElementPlus from 'unplugin-element-plus/vite'

// The window loads the built files from ui/dist (embedded in the binary at compile time);
// nothing is fetched from a network at run time.
//
// Only the home page is on the path to the first paint: every other page is a dynamic import
// (router.ts), and Element Plus comes in per component, with its own CSS, where a template uses
// it (Components + ElementPlusResolver) or a script imports it (ElementPlus: ElMessage, ElMessageBox),
// instead of the whole library and its 360 KB stylesheet up front.
export default defineConfig({
  plugins: [
    vue(),
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
    ElementPlus({}),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  clearScreen: false,
  build: {
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
})
