import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['tests/unit/**/*.spec.ts'],
      restoreMocks: true,
      // Element Plus ships ES modules that import their own CSS: let Vite transform them.
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
)
