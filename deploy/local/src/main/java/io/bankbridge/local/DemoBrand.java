package io.bankbridge.local;

import java.util.List;
import java.util.Map;

/**
 * The demo stack's bank: a fictional "Harbour Trust Bank", so the hosted pages and the Security Center show what a
 * bank's own branding looks like (README: "For the bank: branding"). Every value is a {@code bankbridge.branding.*}
 * setting; the logo is inlined, nothing comes from another site.
 */
final class DemoBrand {

    private static final String LOGO = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCA0MCA0MCI+PHJlY3Qgd2lkdGg9IjQwIiBoZWlnaHQ9IjQwIiByeD0iOCIgZmlsbD0iIzBmNWE0ZiIvPjxwYXRoIGQ9Ik04IDI1YzQgMyA4IDMgMTIgMHM4LTMgMTIgMCIgc3Ryb2tlPSIjZmZmIiBzdHJva2Utd2lkdGg9IjMiIGZpbGw9Im5vbmUiIHN0cm9rZS1saW5lY2FwPSJyb3VuZCIvPjxwYXRoIGQ9Ik0xMyA5djEyTTI3IDl2MTJNMTMgMTVoMTQiIHN0cm9rZT0iI2ZmZiIgc3Ryb2tlLXdpZHRoPSIzIiBzdHJva2UtbGluZWNhcD0icm91bmQiLz48L3N2Zz4=";

    private DemoBrand() {
    }

    /** The settings as environment variables, for token-service and consent-service alike. */
    static Map<String, String> environment(String securityCenterUrl) {
        return Map.of(
                "BANKBRIDGE_BRANDING_NAME", "Harbour Trust Bank",
                "BANKBRIDGE_BRANDING_LOGO", LOGO,
                "BANKBRIDGE_BRANDING_PRIMARY_COLOUR", "#0f5a4f",
                "BANKBRIDGE_BRANDING_ACCENT_COLOUR", "#e6f2ef",
                "BANKBRIDGE_BRANDING_HELP_PHONE", "1-800-555-0199",
                "BANKBRIDGE_BRANDING_HELP_URL", "https://harbourtrust.example/help",
                "BANKBRIDGE_BRANDING_SECURITY_CENTER_URL", securityCenterUrl);
    }

    /** The footer links, as system properties (an indexed list of settings). */
    static List<String> jvmOptions() {
        return List.of(
                "-Dbankbridge.branding.legal-links[0].label=Privacy notice",
                "-Dbankbridge.branding.legal-links[0].url=https://harbourtrust.example/privacy",
                "-Dbankbridge.branding.legal-links[1].label=Terms of use",
                "-Dbankbridge.branding.legal-links[1].url=https://harbourtrust.example/terms");
    }
}
