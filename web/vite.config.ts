// The booking page's build: `vite build web` (npm run build) writes dist/web, served at /book/.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/book/",
  build: { outDir: "../dist/web", emptyOutDir: true, target: "es2022", sourcemap: false },
});
