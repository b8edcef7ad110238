import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    // Unit tests may read the server's data files that the web app mirrors (tests/unit/rules.spec.ts pins the
    // form's common-password list to the server's); the dev server and the build never do.
    server: { fs: { allow: ['.', '../src/Grains.Interfaces/Errors'] } },
    test: {
      environment: 'happy-dom',
      include: ['tests/unit/**/*.spec.ts'],
      restoreMocks: true,
      // Element Plus ships ES modules that import their own CSS: let Vite transform them.
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
)
