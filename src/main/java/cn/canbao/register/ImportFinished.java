package cn.canbao.register;

/** Published when an import has merged into the register (after its transaction committed). */
public record ImportFinished(long importId, ExtractKind kind) {}
