import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("custom-vision-guard", { policies });
