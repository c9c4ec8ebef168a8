import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-10 text-center">
      <h1 className="text-2xl font-semibold">页面不存在</h1>
      <p className="mt-4 text-slate-600">您要找的页面不存在，或您的账号无权查看。请检查地址，或返回首页。</p>
      <Link href="/" className="mt-6 inline-block rounded bg-blue-700 px-4 py-2 text-white">返回首页</Link>
    </main>
  );
}
