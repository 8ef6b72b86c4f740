/**
 * Kafka Streams: linkage across agencies, serious-violence definitions, and the hotspot and cohort
 * streams, every output built under the policy.
 */
package uk.vruhub.aggregator;
