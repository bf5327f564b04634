// The back-office console's build: `vite build web/console` (npm run build) writes dist/web-console, served at /console/.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/console/",
  build: { outDir: "../../dist/web-console", emptyOutDir: true, target: "es2022", sourcemap: false },
});
