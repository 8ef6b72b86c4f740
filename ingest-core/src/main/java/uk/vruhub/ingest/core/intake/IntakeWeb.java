package uk.vruhub.ingest.core.intake;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The intake's web layer, imported by the ingest auto-configuration. */
@Configuration(proxyBeanMethods = false)
@Import({FeedController.class, IntakeErrors.class})
public class IntakeWeb {}
