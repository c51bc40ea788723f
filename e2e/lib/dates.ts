/**
 * Schedule and expiry inputs computed from the time of the run (the nodes refuse times in the
 * past, so a literal date fails from that day on): the same helpers as the jest tests.
 */
export { NEXT_YEAR, nextYear } from '../../test/harness/dates';
