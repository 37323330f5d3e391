package cn.canbao.supervision.web;

import cn.canbao.supervision.CadreAssignment;
import cn.canbao.supervision.CadreAssignmentService;
import cn.canbao.supervision.SupervisionService;
import cn.canbao.supervision.SupervisionTeam;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cadres' villages and supervision teams for automation, with the rules of the services (the door):
 * {@code GET /api/cadre-assignments?region=} lists a region's live assignments; {@code PUT} / {@code DELETE
 * /api/cadre-assignments/{username}/villages/{village}} assign and end one; {@code GET} / {@code POST
 * /api/campaigns/{campaign}/supervision-teams} list a campaign's teams and set one up ({@code {"name": …}});
 * {@code POST /api/supervision-teams/{team}/members} adds a member ({@code {"username": …, "department": …}}),
 * {@code DELETE …/members/{username}} removes one, {@code POST /api/supervision-teams/{team}/dissolve} dissolves it.
 * Refusals are problem+json (403 beyond the caller's rights, 404 for what they cannot see).
 */
@RestController
class SupervisionController {

    private final CadreAssignmentService cadres;
    private final SupervisionService teams;

    SupervisionController(CadreAssignmentService cadres, SupervisionService teams) {
        this.cadres = cadres;
        this.teams = teams;
    }

    record NewTeam(String name) {}

    record NewMember(String username, String department) {}

    @GetMapping("/api/cadre-assignments")
    List<CadreAssignment> assignments(@RequestParam String region) {
        return cadres.assignments(region);
    }

    @PutMapping("/api/cadre-assignments/{username}/villages/{village}")
    List<CadreAssignment> assign(@PathVariable String username, @PathVariable String village) {
        return cadres.assign(username, village);
    }

    @DeleteMapping("/api/cadre-assignments/{username}/villages/{village}")
    List<CadreAssignment> unassign(@PathVariable String username, @PathVariable String village) {
        return cadres.unassign(username, village);
    }

    @GetMapping("/api/campaigns/{campaign}/supervision-teams")
    List<SupervisionTeam> teams(@PathVariable long campaign) {
        return teams.teams(campaign);
    }

    @PostMapping("/api/campaigns/{campaign}/supervision-teams")
    @ResponseStatus(HttpStatus.CREATED)
    SupervisionTeam setUp(@PathVariable long campaign, @RequestBody NewTeam team) {
        return teams.setUp(campaign, team.name());
    }

    @PostMapping("/api/supervision-teams/{team}/members")
    SupervisionTeam addMember(@PathVariable long team, @RequestBody NewMember member) {
        return teams.addMember(team, member.username(), member.department());
    }

    @DeleteMapping("/api/supervision-teams/{team}/members/{username}")
    SupervisionTeam removeMember(@PathVariable long team, @PathVariable String username) {
        return teams.removeMember(team, username);
    }

    @PostMapping("/api/supervision-teams/{team}/dissolve")
    SupervisionTeam dissolve(@PathVariable long team) {
        return teams.dissolve(team);
    }
}
