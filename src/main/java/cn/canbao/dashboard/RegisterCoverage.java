package cn.canbao.dashboard;

import cn.canbao.quota.Baseline;
import cn.canbao.region.Region;
import java.util.List;

/**
 * The register's coverage in a region before any campaign: its baseline row (registered, insured, uninsured) of the
 * newest year with anyone insured there, and its children's, ranked by coverage (highest first, ties by code).
 */
public record RegisterCoverage(Region region, int year, Baseline total, List<Baseline> children) {}
