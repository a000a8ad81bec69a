package io.bankbridge.branding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * The bank's brand on every hosted page: set by the bank deploying the service, never by forking templates. Nothing
 * here may point to another site: the logo is inlined as a {@code data:} URI and served from this service.
 */
@ConfigMapping(prefix = "bankbridge.branding")
public interface BrandingConfig {

    /** The bank's name as customers know it, in page titles and headings. */
    @WithDefault("Bankbridge")
    String name();

    /** The logo as a {@code data:image/...} URI (SVG or PNG); served at {@code /branding/logo}. Unset: the name only. */
    Optional<String> logo();

    /** The main colour (buttons, links, focus ring), {@code #rrggbb}; white text on it must reach 4.5:1. */
    @WithDefault("#0b4f8a")
    String primaryColour();

    /** The second colour (the page's top band), {@code #rrggbb}. */
    @WithDefault("#e8f0f8")
    String accentColour();

    /** The customer help line as printed, e.g. {@code 1-800-555-0100}. */
    Optional<String> helpPhone();

    /** The bank's help page (https). */
    Optional<String> helpUrl();

    /** Links in every page's footer (privacy notice, terms), in this order. */
    List<LegalLink> legalLinks();

    /** The Security Center's address, where a customer goes when a request cannot be continued. */
    Optional<String> securityCenterUrl();

    /** One footer link. */
    interface LegalLink {
        String label();

        String url();
    }
}
