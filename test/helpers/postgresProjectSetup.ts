import { afterAll } from 'vitest'
import { disposeTestStores } from './storeUnderTest.js'

// Each test file of the `postgres` project stops the PostgreSQL server its servers used.
afterAll(disposeTestStores)
