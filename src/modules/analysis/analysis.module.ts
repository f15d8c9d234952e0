import { Module } from '@nestjs/common';
import { AnalysisRunner } from './application/analysis-runner.js';

/** Runs the analysis agents on the process's agent pool (AgentsModule). */
@Module({ providers: [AnalysisRunner], exports: [AnalysisRunner] })
export class AnalysisModule {}
