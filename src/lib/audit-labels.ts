/** Chinese names of audit actions (shown in 操作日志). Each feature adds its own actions here. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.signIn": "登录",
  "user.create": "开设账号",
  "user.update": "修改账号",
  "user.activate": "启用账号",
  "user.deactivate": "停用账号",
  "user.resetPassword": "重置密码",
  "user.changeOwnPassword": "修改本人密码",
  "county.update": "修改县市",
  "middleSchool.create": "新增初中学校",
  "middleSchool.update": "修改初中学校",
  "middleSchool.activate": "启用初中学校",
  "middleSchool.deactivate": "停用初中学校",
  "vocationalSchool.create": "新增职业学校",
  "vocationalSchool.update": "修改职业学校",
  "vocationalSchool.activate": "启用职业学校",
  "vocationalSchool.deactivate": "停用职业学校",
};
