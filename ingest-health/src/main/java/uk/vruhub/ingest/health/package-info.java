/**
 * The health ingest service: the emergency department (ISTV) feed contract and its mapping to
 * EdAssaultAttendance.
 */
package uk.vruhub.ingest.health;
