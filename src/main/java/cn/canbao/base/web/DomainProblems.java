package cn.canbao.base.web;

import cn.canbao.base.DomainException;
import cn.canbao.base.Translatable;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * A domain refusal as an RFC 9457 problem detail in the caller's language, the same for Canbao's {@code /api}
 * and for Camunda's {@code /engine-rest} (where our task listeners refuse): out of scope → 403, unknown → 404,
 * anything else → 400. The message key goes out as {@code code}; nothing of the exception's internals does.
 */
@Component
public class DomainProblems {

    private final MessageSource messages;

    DomainProblems(MessageSource messages) {
        this.messages = messages;
    }

    public ProblemDetail of(DomainException e, Locale locale) {
        String key = e.messageKey().toLowerCase(Locale.ROOT);
        HttpStatus status = key.endsWith("outofscope")
                ? HttpStatus.FORBIDDEN
                : key.endsWith("notfound") ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        Object[] args = Arrays.stream(e.args())
                .map(a -> a instanceof Translatable t ? messages.getMessage(t.messageKey(), null, locale) : a)
                .toArray();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status, messages.getMessage(e.messageKey(), args, e.messageKey(), locale));
        problem.setProperty("code", e.messageKey());
        return problem;
    }

    public ProblemDetail accessDenied(Locale locale) {
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN, messages.getMessage("error.accessDenied", null, locale));
    }

    /** The domain refusal a wrapped exception carries (Camunda wraps what listeners throw), if any. */
    public static DomainException domainCause(Throwable failed) {
        for (Throwable t = failed; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain) {
                return domain;
            }
        }
        return null;
    }
}
