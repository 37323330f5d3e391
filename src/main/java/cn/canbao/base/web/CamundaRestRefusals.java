package cn.canbao.base.web;

import cn.canbao.base.DomainException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API answers a task completion that one of our task listeners refused with a 500 and the
 * exception's text ("Cannot complete task …: Exception while invoking TaskListener: …"). The refusal is the
 * caller's, not the server's: this answers it as Canbao's {@code /api} does — 400/403/404 problem+json in the
 * caller's language, without internals. Everything else keeps Camunda's own answer.
 */
@Component
class CamundaRestRefusals implements ResourceConfigCustomizer {

    /** Ahead of Camunda's own mappers of the same exception types. */
    private static final int BEFORE_CAMUNDA = 100;

    private final DomainProblems problems;

    CamundaRestRefusals(DomainProblems problems) {
        this.problems = problems;
    }

    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
        config.register(new RestRefusal(problems), BEFORE_CAMUNDA);
        config.register(new EngineRefusal(problems), BEFORE_CAMUNDA);
    }

    static Response answer(Throwable failed, DomainProblems problems, HttpHeaders headers) {
        Locale locale = headers == null
                        || headers.getAcceptableLanguages().isEmpty()
                        || "*".equals(headers.getAcceptableLanguages().get(0).toString())
                ? Locale.SIMPLIFIED_CHINESE
                : headers.getAcceptableLanguages().get(0);
        DomainException refusal = DomainProblems.domainCause(failed);
        ProblemDetail problem = refusal != null
                ? problems.of(refusal, locale)
                : deniedCause(failed) ? problems.accessDenied(locale) : null;
        if (problem == null) {
            return ExceptionHandlerHelper.getInstance().getResponse(failed);
        }
        return Response.status(problem.getStatus())
                .type("application/problem+json")
                .entity(problem)
                .build();
    }

    private static boolean deniedCause(Throwable failed) {
        for (Throwable t = failed; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException) {
                return true;
            }
        }
        return false;
    }

    /** Answers one type of exception as {@link #answer} does; a subclass names the type (Jersey maps by it). */
    abstract static class Refusal<E extends Throwable> implements ExceptionMapper<E> {
        private final DomainProblems problems;

        @Context
        private HttpHeaders headers;

        Refusal(DomainProblems problems) {
            this.problems = problems;
        }

        @Override
        public Response toResponse(E e) {
            return answer(e, problems, headers);
        }
    }

    static final class RestRefusal extends Refusal<RestException> {
        RestRefusal(DomainProblems problems) {
            super(problems);
        }
    }

    static final class EngineRefusal extends Refusal<ProcessEngineException> {
        EngineRefusal(DomainProblems problems) {
            super(problems);
        }
    }
}
