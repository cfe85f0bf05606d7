/**
 * Which failures are "the database is away or slow" (a 503 that passes by itself) and which
 * are bugs (a 500): a wrong call here either hides a bug behind "try again" or turns a
 * restart into a wall of 500s.
 */
import { describe, expect, it } from 'vitest'
import { databaseFault } from '../../server/db/faults.js'

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code })

describe('telling a database fault from a bug', () => {
  it.each([
    ['a fast restart (admin_shutdown)', pgError('57P01', 'terminating connection due to administrator command')],
    ['an immediate stop (crash_shutdown)', pgError('57P02')],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['a connection exception', pgError('08006')],
    ['too many connections', pgError('53300')],
    ['a refused connection', pgError('ECONNREFUSED')],
    ['a reset connection', pgError('ECONNRESET')],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a refused connection to every address of localhost', new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')], '')],
    ['a migration that failed because the database went away', new Error('migration x failed: connect ECONNREFUSED', { cause: pgError('ECONNREFUSED') })],
  ])('%s is "unavailable"', (_what, err) => {
    expect(databaseFault(err)).toBe('unavailable')
  })

  it('a statement timeout is "timeout"', () => {
    expect(databaseFault(pgError('57014', 'canceling statement due to statement timeout'))).toBe('timeout')
  })

  it.each([
    ['a syntax error', pgError('42601')],
    ['a missing column', pgError('42703')],
    ['a NUL byte in text', pgError('22021')],
    ['a protocol violation on a working connection (PGlite: a NUL in a parameter)', pgError('08P01')],
    ['a unique violation', pgError('23505')],
    ['a TypeError', new TypeError('x is undefined')],
    ['a RangeError', new RangeError('Invalid time value')],
    ['nothing at all', undefined],
  ])('%s is not a fault', (_what, err) => {
    expect(databaseFault(err)).toBeNull()
  })
})
