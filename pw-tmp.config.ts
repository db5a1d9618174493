import base from "./playwright.config";
export default { ...base, testDir: "e2e", webServer: undefined, reporter: [["list"]], use: { ...base.use, baseURL: "http://localhost:3404" } };
