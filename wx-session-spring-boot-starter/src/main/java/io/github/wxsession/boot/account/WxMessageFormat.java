package io.github.wxsession.boot.account;

/**
 * The data format of a mini program's message push ({@code wx.message-format}), as chosen in its
 * admin console (开发设置 → 消息推送 → 数据格式). Official Accounts and WeCom apps send XML, the
 * WeCom AI bot JSON, whatever this says.
 */
public enum WxMessageFormat {

    /** XML, the admin console's default. */
    XML,

    /** JSON: PascalCase members named as the XML elements. */
    JSON
}
