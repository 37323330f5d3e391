package cn.canbao.base.web;

import cn.canbao.base.DomainException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * REST refusals of every {@code /api} controller as RFC 9457 problem details, the message in the
 * caller's language: out of scope → 403, unknown → 404, anything else refused → 400.
 */
@RestControllerAdvice(basePackages = "cn.canbao")
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiErrors {

    private final DomainProblems problems;

    ApiErrors(DomainProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(DomainException.class)
    ProblemDetail refused(DomainException e, Locale locale) {
        return problems.of(e, locale);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e, Locale locale) {
        return problems.accessDenied(locale);
    }
}
