// Models reach `cb.liveResponse` structurally (they do not import the API class: no cycle).
import { ConfigurationError, type ModelHost } from '@cb/core';
import { ResponseLiveResponseManager, SESSION_REQUEST } from './manager.js';

export function liveResponseOf(host: ModelHost): ResponseLiveResponseManager {
  const manager = (host as { liveResponse?: unknown }).liveResponse;
  if (!(manager instanceof ResponseLiveResponseManager)) {
    throw new ConfigurationError('Live Response needs a CbResponseAPI (select the sensor through cb.select(Sensor))', SESSION_REQUEST);
  }
  return manager;
}
