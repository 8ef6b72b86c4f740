/**
 * What the three agency ingest services share: feed intake, streaming CSV reading, row validation,
 * identity normalisation and keyed pseudonymisation, geography lookup and one Kafka transaction per
 * feed.
 */
package uk.vruhub.ingest.core;
