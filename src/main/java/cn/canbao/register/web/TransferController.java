package cn.canbao.register.web;

import cn.canbao.register.RegisterException;
import cn.canbao.register.transfers.HouseholdTransfer;
import cn.canbao.register.transfers.HouseholdTransferService;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transfer requests for automation: {@code GET /api/transfers?status=PENDING|APPROVED|REJECTED|ALL} (the
 * caller's region), {@code POST /api/transfers/{id}/approve} and {@code …/reject} with {@code {"note": "…"}}
 * (required to reject). HTTP Basic; the service checks role and side: deciding outside one's side → 403.
 */
@RestController
@RequestMapping("/api/transfers")
class TransferController {

    private final HouseholdTransferService transfers;

    TransferController(HouseholdTransferService transfers) {
        this.transfers = transfers;
    }

    record Decision(String note) {}

    @GetMapping
    List<HouseholdTransfer> list(
            @RequestParam(defaultValue = "PENDING") String status, @RequestParam(defaultValue = "200") int limit) {
        HouseholdTransfer.Status wanted;
        if ("ALL".equalsIgnoreCase(status)) {
            wanted = null;
        } else {
            try {
                wanted = HouseholdTransfer.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new RegisterException("register.transfer.unknownStatus", status);
            }
        }
        return transfers.list(wanted, limit);
    }

    @GetMapping("/{id}")
    HouseholdTransfer get(@PathVariable long id) {
        return transfers.get(id);
    }

    @PostMapping("/{id}/approve")
    HouseholdTransfer approve(@PathVariable long id, @RequestBody(required = false) Decision decision) {
        return transfers.approve(id, decision == null ? null : decision.note());
    }

    @PostMapping("/{id}/reject")
    HouseholdTransfer reject(@PathVariable long id, @RequestBody(required = false) Decision decision) {
        return transfers.reject(id, decision == null ? null : decision.note());
    }
}
