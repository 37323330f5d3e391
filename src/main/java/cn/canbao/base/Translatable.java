package cn.canbao.base;

/** A value shown to users by a message key (roles, levels, sectors …), e.g. inside error messages. */
public interface Translatable {

    String messageKey();
}
