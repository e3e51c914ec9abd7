/**
 * The console's Chinese texts: the not-found page and the error messages, one for every error code
 * of the catalog.
 */
export const errors = {
  'notFound.text': '找不到这个页面。请从左侧菜单选择。',
  'error.network': '无法连接服务器。请检查网络或服务器是否在运行，然后重试。',
  'error.detail': '详情：{detail}',
  'error.KP_BAD_ARGUMENT': '参数有误，请检查输入后重试。',
  'error.KP_MALFORMED_BODY': '请求格式有误，请刷新页面后重试。',
  'error.KP_BAD_REQUEST': '请求有误，请检查输入后重试。',
  'error.KP_UNAUTHENTICATED': '登录已过期，请重新登录。',
  'error.KP_BAD_CREDENTIALS': '用户名或密码错误。请检查后重试；连续多次失败后该用户名将被暂时锁定。',
  'error.KP_FORBIDDEN': '你的角色没有权限执行此操作。如有需要，请联系管理员。',
  'error.KP_EMBARGO': '考评结果尚未发布。发布后即可查看本单位的结果。',
  'error.KP_CSRF': '页面已过期，请刷新页面后重试。',
  'error.KP_PASSWORD_CHANGE_REQUIRED': '请先修改一次性密码。',
  'error.KP_NOT_FOUND': '要找的内容不存在，可能已被删除。请刷新列表。',
  'error.KP_CONFLICT': '操作与当前状态冲突（例如名称已存在）。请修改后重试。',
  'error.KP_PAYLOAD_TOO_LARGE': '内容太大，请缩小后重试。',
  'error.KP_UNSUPPORTED_MEDIA_TYPE': '不支持的文件或内容类型。',
  'error.KP_VALIDATION': '输入不符合要求，请按提示修改。',
  'error.KP_SIGN_IN_LOCKED':
    '登录失败次数过多，账号已暂时锁定。请在 {minutes} 分钟后重试，或请管理员重置密码。',
  'error.KP_RATE_LIMITED': '请求过于频繁，请稍后再试。',
  'error.KP_IMPORT_BAD_FILE': '文件无法读取，请检查文件格式后重新上传。',
  'error.KP_IMPORT_BAD_ROW': '文件中有错误的行，请按提示改正后重新上传。',
  'error.KP_CONFIG_INVALID': '考评配置有误，请按提示修改。',
  'error.KP_CONFIG_CHANGE_REFUSED': '此修改会使已收集的答卷失效，已被拒绝。',
  'error.KP_BACKUP_INVALID': '备份文件无效。',
  'error.KP_INTERNAL': '服务器内部错误。请稍后重试；若仍然失败，请联系管理员查看服务器日志。',
} as const satisfies Record<string, string>;
