import "server-only";
import bcrypt from "bcryptjs";

// bcrypt (salted, cost 10 ≈ 60–80 ms here): slow enough against guessing, fast enough for a login.
const COST = 10;
export const hashPassword = (plain: string) => bcrypt.hash(plain, COST);
export const verifyPassword = (plain: string, hash: string) => bcrypt.compare(plain, hash);
