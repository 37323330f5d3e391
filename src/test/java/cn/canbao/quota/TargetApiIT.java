package cn.canbao.quota;

import static cn.canbao.Yongchun.COUNTY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.canbao.CanbaoIntegrationTest;
import cn.canbao.IntegrationTestBase;
import cn.canbao.Yongchun;
import cn.canbao.campaign.Campaign;
import cn.canbao.campaign.NewCampaign;
import cn.canbao.security.Role;
import cn.canbao.security.SecurityTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * {@code GET /api/campaigns/{id}/targets?region=} answers the target table as JSON, scoped to the
 * caller's region; the same campaign's tasks show in Camunda's REST API to their candidate groups only.
 */
@CanbaoIntegrationTest
class TargetApiIT extends IntegrationTestBase {

    static final String TOWNSHIP = Yongchun.township(10);
    static final String OTHER_TOWNSHIP = Yongchun.township(11);
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    private Campaign campaign;

    @AfterEach
    void deleteCampaignProcess() {
        testCampaigns.endCampaignProcess(campaign);
    }

    @Test
    void theTargetTableIsJsonForTheCallersSubtreeOnly() throws Exception {
        String leader = security.ensureUser("county.leader.api", COUNTY, Role.COUNTY_LEADER);
        String townshipLeader = security.ensureUser("township.leader.api", TOWNSHIP, Role.TOWNSHIP_LEADER);
        campaign = testCampaigns.start(
                leader, NewCampaign.of("接口测试行动", 2048, COUNTY, LocalDate.of(2047, 9, 1), LocalDate.of(2047, 12, 31)));

        JsonNode county = get(leader, "/api/campaigns/" + campaign.id() + "/targets");
        assertThat(county.get("campaignName").asText()).isEqualTo("接口测试行动");
        assertThat(county.get("region").get("regionCode").asText()).isEqualTo(COUNTY);
        assertThat(county.get("region").get("level").asText()).isEqualTo("COUNTY");
        assertThat(county.get("children")).hasSize(22);
        assertThat(county.get("childrenProposed").asInt())
                .isEqualTo(county.get("region").get("target").asInt());
        assertThat(county.get("children").get(0).has("proposed")).isTrue();
        assertThat(county.get("history")).isNotEmpty();

        JsonNode township = get(townshipLeader, "/api/campaigns/" + campaign.id() + "/targets?region=" + TOWNSHIP);
        assertThat(township.get("region").get("regionCode").asText()).isEqualTo(TOWNSHIP);
        assertThat(township.get("children")).isEmpty(); // villages are proposed when the township's task starts

        ResponseEntity<String> outside = http.withBasicAuth(townshipLeader, SecurityTestSupport.PASSWORD)
                .getForEntity("/api/campaigns/" + campaign.id() + "/targets?region=" + OTHER_TOWNSHIP, String.class);
        assertThat(outside.getStatusCode().value()).isEqualTo(403);
        assertThat(JSON.readTree(outside.getBody()).get("code").asText()).isEqualTo("region.error.outOfScope");
        assertThat(http.withBasicAuth(townshipLeader, SecurityTestSupport.PASSWORD)
                        .getForEntity("/api/campaigns/" + campaign.id() + "/targets", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(403); // the county's table
        assertThat(http.getForEntity("/api/campaigns/" + campaign.id() + "/targets", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(http.withBasicAuth(leader, SecurityTestSupport.PASSWORD)
                        .getForEntity("/api/campaigns/999999/targets", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);

        // Camunda's own REST API (what Tasklist uses) shows the publish task to the county leader only
        JsonNode leaderTasks = get(leader, "/engine-rest/task?processInstanceBusinessKey=" + campaign.id());
        assertThat(leaderTasks).hasSize(1);
        assertThat(leaderTasks.get(0).get("name").asText()).isEqualTo("确定并下达乡镇目标");
        assertThat(leaderTasks.get(0).get("formKey").asText()).isEqualTo("/tasks/publish-targets");
        assertThat(get(townshipLeader, "/engine-rest/task?processInstanceBusinessKey=" + campaign.id()))
                .isEmpty();
    }

    private JsonNode get(String user, String path) throws Exception {
        ResponseEntity<String> response =
                http.withBasicAuth(user, SecurityTestSupport.PASSWORD).getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }
}
