package io.bankbridge.branding;

import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured brand as the page templates read it ({@code inject:branding}), checked at start: colours are
 * {@code #rrggbb}, the logo an inline image, links https (or same-site paths), so a page can never refer to
 * another site's resources.
 */
@ApplicationScoped
@Startup
@Named("branding")
public class Branding {

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern DATA_URI = Pattern.compile("data:(image/(?:svg\\+xml|png|jpeg|webp));base64,([A-Za-z0-9+/=]+)");

    /** A footer link. */
    @TemplateData
    public record Link(String label, String url) {
    }

    /** The logo's bytes and media type. */
    public record Logo(String mediaType, byte[] bytes) {
    }

    private final BrandingConfig config;
    private final Logo logo;
    private final List<Link> legalLinks;

    Branding(BrandingConfig config) {
        this.config = config;
        colour("primary-colour", config.primaryColour());
        colour("accent-colour", config.accentColour());
        this.logo = config.logo().map(Branding::logo).orElse(null);
        config.helpUrl().ifPresent(url -> link("help-url", url));
        config.securityCenterUrl().ifPresent(url -> link("security-center-url", url));
        this.legalLinks = config.legalLinks().stream().map(l -> new Link(l.label(), link("legal-links", l.url()))).toList();
    }

    public String name() {
        return config.name();
    }

    /** Whether a logo is configured (served at {@code /branding/logo}). */
    public boolean hasLogo() {
        return logo != null;
    }

    public Logo logo() {
        return logo;
    }

    public String primaryColour() {
        return config.primaryColour();
    }

    public String accentColour() {
        return config.accentColour();
    }

    public String helpPhone() {
        return config.helpPhone().orElse(null);
    }

    /** The help line as a {@code tel:} URI. */
    public String helpPhoneUri() {
        return config.helpPhone().map(phone -> "tel:" + phone.replaceAll("[^0-9+]", "")).orElse(null);
    }

    public String helpUrl() {
        return config.helpUrl().orElse(null);
    }

    public List<Link> legalLinks() {
        return legalLinks;
    }

    public String securityCenterUrl() {
        return config.securityCenterUrl().orElse(null);
    }

    /** The stylesheet that puts the brand's colours on the pages' custom properties. */
    public String stylesheet() {
        return ":root{--brand-primary:" + primaryColour() + ";--brand-accent:" + accentColour() + "}\n";
    }

    private static void colour(String name, String value) {
        if (!COLOUR.matcher(value).matches()) {
            throw new IllegalArgumentException("bankbridge.branding." + name + " must be a #rrggbb colour, not " + value);
        }
    }

    private static Logo logo(String value) {
        Matcher m = DATA_URI.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("bankbridge.branding.logo must be a data:image/...;base64 URI");
        }
        return new Logo(m.group(1), Base64.getDecoder().decode(m.group(2)));
    }

    private static String link(String name, String url) {
        URI uri = URI.create(url);
        boolean web = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        boolean path = uri.getScheme() == null && url.startsWith("/") && !url.startsWith("//");
        if (!web && !path) {
            throw new IllegalArgumentException("bankbridge.branding." + name + " must be an http(s) URL or a path: " + url);
        }
        return url;
    }
}
