import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "职教班管理平台",
  description: "义务教育职教班送读招生管理",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
