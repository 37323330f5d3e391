package cn.canbao.policy.web;

import cn.canbao.policy.PolicyException;
import cn.canbao.policy.rules.PolicyRulesService;
import cn.canbao.policy.rules.RuleVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The policy rules for automation: {@code GET /api/policy-rules} lists the versions (and {@code /{deploymentId}}
 * one of them), {@code POST
 * /api/policy-rules} (multipart {@code file} and {@code year}) uploads one and answers 201 with it,
 * {@code POST /api/policy-rules/{deploymentId}/reinstate} puts an earlier one back in force. HTTP Basic
 * with Canbao's users; the service checks role and level, refusals come back as problem details.
 */
@RestController
@RequestMapping("/api/policy-rules")
class PolicyRulesController {

    private final PolicyRulesService rules;

    PolicyRulesController(PolicyRulesService rules) {
        this.rules = rules;
    }

    @GetMapping
    List<RuleVersion> versions() {
        return rules.versions();
    }

    @GetMapping("/{deploymentId}")
    RuleVersion version(@PathVariable String deploymentId) {
        return rules.versions().stream()
                .filter(v -> v.deploymentId().equals(deploymentId))
                .findFirst()
                .orElseThrow(() -> new PolicyException("policy.rules.versionNotFound", deploymentId));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<RuleVersion> upload(@RequestParam("year") String year, @RequestParam("file") MultipartFile file)
            throws IOException {
        byte[] content;
        // one byte more than allowed is enough for the service to refuse an oversized file
        try (InputStream in = file.getInputStream()) {
            content = in.readNBytes(PolicyRulesService.MAX_FILE_BYTES + 1);
        }
        return created(rules.upload(parseYear(year), file.getOriginalFilename(), content));
    }

    @PostMapping("/{deploymentId}/reinstate")
    ResponseEntity<RuleVersion> reinstate(@PathVariable String deploymentId) {
        return created(rules.reinstate(deploymentId));
    }

    private static ResponseEntity<RuleVersion> created(RuleVersion version) {
        return ResponseEntity.created(URI.create("/api/policy-rules/" + version.deploymentId()))
                .body(version);
    }

    /** Not a number is year 0, which the service refuses (and audits) like any year out of range. */
    private static int parseYear(String year) {
        try {
            return Integer.parseInt(year.strip());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
