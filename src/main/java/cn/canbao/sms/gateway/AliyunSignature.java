package cn.canbao.sms.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's RPC request signature (SignatureVersion 1.0, HMAC-SHA1), as its SMS API documents it: the
 * parameters sorted by name, each name and value percent-encoded (RFC 3986: space %20, * %2A, ~ kept), joined with
 * = and &amp;; the string to sign is the HTTP method, {@code %2F} and that query, each percent-encoded, joined with
 * &amp;; the key is the AccessKey secret followed by &amp;; the signature is the HMAC's Base64.
 */
public final class AliyunSignature {

    private AliyunSignature() {}

    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** The sorted, encoded query of the parameters (a Signature parameter among them is left out). */
    static String canonicalQuery(Map<String, String> params) {
        return new TreeMap<>(params)
                .entrySet().stream()
                        .filter(e -> !"Signature".equals(e.getKey()))
                        .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                        .collect(Collectors.joining("&"));
    }

    static String stringToSign(String method, Map<String, String> params) {
        return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(params));
    }

    public static String sign(String method, Map<String, String> params, String accessKeySecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(stringToSign(method, params).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }
}
