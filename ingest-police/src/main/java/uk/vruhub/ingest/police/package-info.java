/**
 * The police ingest service: the recorded-crime feed contract and its mapping to PoliceCrimeEvent.
 */
package uk.vruhub.ingest.police;
