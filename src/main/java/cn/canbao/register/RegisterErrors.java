package cn.canbao.register;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Locale;

/** REST refusals as RFC 9457 problem details with the message in the caller's language. */
@RestControllerAdvice(assignableTypes = ImportController.class)
class RegisterErrors {

    private final MessageSource messages;

    RegisterErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(RegisterException.class)
    ProblemDetail refused(RegisterException e, Locale locale) {
        HttpStatus status = e.messageKey().equals("register.import.notFound") ? HttpStatus.NOT_FOUND
                : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
        problem.setProperty("code", e.messageKey());
        return problem;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e, Locale locale) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                messages.getMessage("error.accessDenied", null, locale));
    }
}
