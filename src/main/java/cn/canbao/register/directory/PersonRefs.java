package cn.canbao.register.directory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * Opaque references to persons for links and list rows: the ID number encrypted (AES-GCM) with a key
 * that lives only in this node's memory, so lists and URLs never carry the full ID number, and a
 * reference cannot be forged or altered. References end with the node (Vaadin sessions are sticky to
 * a node and end with it too); a person is found again by searching.
 */
@Component
class PersonRefs {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    PersonRefs() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            this.key = generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    String refOf(String idNumber) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(idNumber.getBytes(StandardCharsets.US_ASCII));
            byte[] ref = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, ref, 0, IV_BYTES);
            System.arraycopy(sealed, 0, ref, IV_BYTES, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ref);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a person reference", e);
        }
    }

    /** The ID number behind a reference of this node; empty for anything else (altered, old, garbage). */
    Optional<String> idNumberOf(String ref) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(ref == null ? "" : ref);
            if (bytes.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return Optional.of(new String(plain, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException | AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a person reference", e);
        }
    }
}
