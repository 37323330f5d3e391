package cn.canbao.base.web;

import cn.canbao.base.DomainException;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Arrays;
import java.util.Locale;

/**
 * REST refusals of every {@code /api} controller as RFC 9457 problem details, the message in the
 * caller's language: out of scope → 403, unknown → 404, anything else refused → 400.
 */
@RestControllerAdvice(basePackages = "cn.canbao")
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiErrors {

    private final MessageSource messages;

    ApiErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(DomainException.class)
    ProblemDetail refused(DomainException e, Locale locale) {
        HttpStatus status = e.messageKey().endsWith("outOfScope") ? HttpStatus.FORBIDDEN
                : e.messageKey().endsWith("notFound") ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        Object[] args = Arrays.stream(e.args())
                .map(a -> a instanceof cn.canbao.base.Translatable t ? messages.getMessage(t.messageKey(), null, locale) : a)
                .toArray();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                messages.getMessage(e.messageKey(), args, e.messageKey(), locale));
        problem.setProperty("code", e.messageKey());
        return problem;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e, Locale locale) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                messages.getMessage("error.accessDenied", null, locale));
    }
}
