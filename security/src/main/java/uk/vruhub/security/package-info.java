/**
 * What every hub component shares to be an authenticated principal: secret files made once and
 * readable by their owner only ({@link uk.vruhub.security.SecretFiles}), the Kafka client settings
 * of a SCRAM principal ({@link uk.vruhub.security.KafkaClientSecurity}) and the names of the hub's
 * own principals ({@link uk.vruhub.security.HubPrincipals}).
 */
package uk.vruhub.security;
