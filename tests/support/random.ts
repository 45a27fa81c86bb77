export { seededRandom } from '../../shared/model/seededRandom';
