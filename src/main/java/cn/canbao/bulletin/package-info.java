/** County bulletins (县级通报): townships ranked by completion of target, reviewed, published to every level. */
package cn.canbao.bulletin;
