package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bank's brand, from configuration (the test profile sets a logo, a help line and links): its stylesheet and logo
 * are served by this service to anyone, whatever credential a browser happens to send.
 */
@QuarkusTest
class BrandingTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer not-a-token", "Basic YWRtaW46d3Jvbmc=", "DPoP eyJhbGciOiJub25lIn0.e30."})
    void theStylesheetAndLogoAreServedWithoutOrWithAnyCredential(String authorization) {
        given().header("Authorization", authorization).when().get("/branding/brand.css").then().statusCode(200)
                .contentType(startsWith("text/css")).body(containsString("--brand-primary:#0b4f8a"));
        given().header("Authorization", authorization).when().get("/branding/logo").then().statusCode(200)
                .contentType(equalTo("image/svg+xml")).body(startsWith("<svg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/branding/logo.png", "/branding/../branding/brand.css/x"})
    void anythingElseUnderBrandingIsNotFound(String path) {
        given().urlEncodingEnabled(false).when().get(path).then().statusCode(404);
    }
}
