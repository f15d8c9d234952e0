import { ApiProperty } from '@nestjs/swagger';
import type { CacheReport } from '../../../platform/monitoring/index.js';
import { CachedRouteStatsDto, CacheL1SizeDto, HotKeyDto } from './cache-stats.response.dto.js';
import { MonitoringFindingDto } from './monitoring.response.dto.js';

const int = { type: 'integer', minimum: 0 } as const;
const ratio = { minimum: 0, maximum: 1 } as const;

class CacheNamespaceReportDto {
  @ApiProperty() namespace!: string;
  @ApiProperty(int) lookups!: number;
  @ApiProperty(int) l1Hits!: number;
  @ApiProperty(int) l2Hits!: number;
  @ApiProperty(int) misses!: number;
  @ApiProperty(ratio) hitRatio!: number;
  @ApiProperty(int) ttlSeconds!: number;
}

class HotNamespaceDto {
  @ApiProperty() namespace!: string;
  @ApiProperty({ ...ratio, description: "Share of the sampled hot keys' hits." }) share!: number;
}

class TtlAdviceDto {
  @ApiProperty() namespace!: string;
  @ApiProperty(int) ttlSeconds!: number;
  @ApiProperty(ratio) hitRatio!: number;
  @ApiProperty(int) lookups!: number;
  @ApiProperty() advice!: string;
}

class CacheGainDto {
  @ApiProperty() route!: string;
  @ApiProperty() cached!: boolean;
  @ApiProperty({ ...int, description: 'Uncached: successful GETs; cached: misses that ran the handler.' }) requests!: number;
  @ApiProperty() meanMs!: number;
  @ApiProperty({ description: 'What serving all of them from the cache would have saved, in handler milliseconds.' }) potentialMs!: number;
}

export class CacheReportResponseDto implements CacheReport {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ description: 'False in a process without the cache module; the rest is then empty.' }) enabled!: boolean;
  @ApiProperty(ratio) hitRatio!: number;
  @ApiProperty({ type: [CacheNamespaceReportDto] }) namespaces!: CacheNamespaceReportDto[];
  @ApiProperty({ type: [CachedRouteStatsDto] }) routes!: CachedRouteStatsDto[];
  @ApiProperty({ type: [HotKeyDto] }) hotKeys!: HotKeyDto[];
  @ApiProperty({ type: [HotNamespaceDto] }) hotNamespaces!: HotNamespaceDto[];
  @ApiProperty({ type: [TtlAdviceDto] }) ttlAdvice!: TtlAdviceDto[];
  @ApiProperty({ type: [CacheGainDto], description: 'The routes that would gain most from caching (or from more hits), most first.' }) gains!: CacheGainDto[];
  @ApiProperty({ type: CacheL1SizeDto, nullable: true }) l1!: CacheL1SizeDto | null;
  @ApiProperty({ type: [MonitoringFindingDto] }) findings!: MonitoringFindingDto[];
}
