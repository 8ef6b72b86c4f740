/**
 * The education ingest service: the suspensions, exclusions and persistent absence feed contract
 * and its mapping to SchoolEvent.
 */
package uk.vruhub.ingest.education;
