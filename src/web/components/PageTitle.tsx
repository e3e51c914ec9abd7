import { Typography } from 'antd';

export function PageTitle({ children }: { children: string }) {
  return (
    <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
      {children}
    </Typography.Title>
  );
}
